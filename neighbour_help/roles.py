PERMISSIONS = {
    "Participation staff": [
        "care.add_helpskill",
        "care.change_helpskill",
        "care.delete_helpskill",
        "care.view_helpskill",
        "care.add_callout",
        "care.view_callout",
    ],
}
