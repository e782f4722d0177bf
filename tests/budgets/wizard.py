"""Drive the ballot wizard like a browser without JavaScript would."""


def step_key(budget):
    return f"budget_ballot_{budget.pk}-current_step"


def choose(client, budget, data, *, recalculate=False):
    payload = {step_key(budget): "choose", **{f"choose-{k}": v for k, v in data.items()}}
    if recalculate:
        payload["recalculate"] = "1"
    return client.post(f"/budget/{budget.pk}/voter/", payload)


def confirm(client, budget):
    return client.post(f"/budget/{budget.pk}/voter/", {step_key(budget): "review"}, follow=True)


def vote(client, budget, data):
    response = choose(client, budget, data)
    assert response.status_code == 200, response.content[:500]
    return confirm(client, budget)
