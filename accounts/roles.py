"""Staff roles. Each app may define a `roles.py` with `PERMISSIONS = {group_name: [perm, ...]}`;
accounts.signals merges them into the Wagtail groups after every migrate."""

COMMUNICATIONS_OFFICERS = "Communications officers"
NEWSLETTER_EDITORS = "Newsletter editors"
PARTICIPATION_STAFF = "Participation staff"
VERIFICATION_STAFF = "Verification staff"

STAFF_GROUPS = [
    COMMUNICATIONS_OFFICERS,
    NEWSLETTER_EDITORS,
    PARTICIPATION_STAFF,
    VERIFICATION_STAFF,
]

# Every staff group may enter the Service Dashboard and use the image/document libraries.
COMMON = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

PERMISSIONS = {group: list(COMMON) for group in STAFF_GROUPS}

# Page-tree permissions granted on the site's root page, per group.
PAGE_PERMISSIONS = {
    COMMUNICATIONS_OFFICERS: ["add_page", "change_page", "publish_page"],
    PARTICIPATION_STAFF: ["add_page", "change_page", "publish_page"],
    NEWSLETTER_EDITORS: ["add_page", "change_page", "publish_page"],
}
