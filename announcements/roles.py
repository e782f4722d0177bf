"""Communications officers publish city messages, read replies to them and see attendee lists."""

PERMISSIONS = {
    "Communications officers": [
        "announcements.view_announcementreply",
        "announcements.view_eventregistration",
    ],
}
