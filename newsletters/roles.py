"""Newsletter editors compose issues (page permissions: accounts.roles.PAGE_PERMISSIONS),
schedule them and read the send reports. Subscriber addresses stay out of the admin."""

PERMISSIONS = {
    "Newsletter editors": [
        "newsletters.add_newslettersend",
        "newsletters.change_newslettersend",
        "newsletters.view_newslettersend",
    ],
    "Communications officers": ["newsletters.view_newslettersend"],
}
