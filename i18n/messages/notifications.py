"""Texts of the activity-feed notifications that go with announcements (services/announcement_notify.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "notification.announcement.preview": {
        "nl": "Nieuwe aankondiging: {title}",
        "en": "New announcement: {title}",
    },
    "notification.announcement.reminder": {
        "nl": "Lees je nog even: {title}",
        "en": "Please read: {title}",
    },
}
