import threading

import pytest
from django.db import connection

from surveys.models import SurveyResponse
from surveys.services import SurveyRefused, survey_response_submit
from tests.factories.neighbourhoods import HouseholdFactory, member
from tests.factories.surveys import survey_page

from .test_results import answers_for

THREADS = 20
RUNS = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_members_of_one_household_submitting_at_once_store_one_response(neighbourhoods):
    survey = survey_page(neighbourhoods=neighbourhoods)
    answers = answers_for(survey)
    for run in range(RUNS):
        household = HouseholdFactory(address__neighbourhood=neighbourhoods[0])
        users = [member(household=household) for _ in range(THREADS)]
        barrier = threading.Barrier(THREADS)
        outcomes = []

        def submit(user, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                survey_response_submit(survey=survey, user=user, answers=answers)
                outcomes.append("stored")
            except SurveyRefused as refused:
                outcomes.append(refused.refusal.code)
            finally:
                connection.close()

        threads = [threading.Thread(target=submit, args=(user,)) for user in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outcomes.count("stored") == 1, (run, outcomes)
        assert outcomes.count("already_answered") == THREADS - 1
        assert SurveyResponse.objects.filter(household=household).count() == 1
