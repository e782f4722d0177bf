PERMISSIONS = {
    "Participation staff": [
        "initiatives.view_initiative",
        "initiatives.change_initiative",
    ],
}
