"""Domain services between the dialogs and storage/matching."""
