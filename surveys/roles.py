"""Survey results are for participation staff and communications officers (never the feed)."""

RESULTS = ["surveys.view_surveyresponse", "surveys.view_answer"]

PERMISSIONS = {
    "Participation staff": RESULTS,
    "Communications officers": RESULTS,
}
