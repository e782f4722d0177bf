from accounts.roles import VERIFICATION_STAFF

PERMISSIONS = {
    VERIFICATION_STAFF: [
        "verification.export_lettercodebatch",
        "verification.view_lettercodebatch",
        "verification.add_lettercodebatch",
        "verification.change_lettercodebatch",
        "verification.view_lettercode",
        "verification.change_lettercode",
        "verification.view_verificationrequest",
        "verification.change_verificationrequest",
        "neighbourhoods.view_address",
        "neighbourhoods.add_address",
    ],
}
