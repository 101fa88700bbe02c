"""A Togai integration, run unchanged against Meterline with Togai's official Python client.

Everything below is what a Togai user's script does, written from the client's own docs
(zuora/togai-python-client, docs/*.md); only the host and the key point at Meterline:

    TOGAI_HOST=http://127.0.0.1:8787 TOGAI_TOKEN=$(cat .meterline/dev-api-key) \
    PYTHONPATH=/path/to/togai-python-client python3 examples/togai-python/tour.py

The client is not vendored here: clone zuora/togai-python-client and put it on PYTHONPATH (it needs
pydantic 2, urllib3 and python-dateutil). Every answer is parsed by the client's own models, so a
field Meterline names, types or omits differently fails here exactly as it would for a Togai user.
The script exits non-zero on the first step that fails and prints what each step answered.
"""

import datetime as dt
import os
import sys
import time
import uuid

import togai_client as togai


def step(title, call):
    try:
        answer = call()
    except Exception as error:  # the client's ApiException, or a model that does not parse
        print(f"FAIL  {title}\n      {error}")
        sys.exit(1)
    print(f"ok    {title}")
    return answer


def main():
    host = os.environ.get("TOGAI_HOST", "http://127.0.0.1:8787")
    client = togai.ApiClient(togai.Configuration(host=host, access_token=os.environ["TOGAI_TOKEN"]))
    run = uuid.uuid4().hex[:8]
    customer_id, account_id = f"cust_{run}", f"acc_{run}"
    schema_name = f"api_calls_{run}"
    today = dt.datetime.now(dt.timezone.utc).date()
    month_start = today.replace(day=1)

    customers = togai.CustomersApi(client)
    step("create_customer with its account (billed in EUR)", lambda: customers.create_customer(togai.CreateCustomerRequest(
        id=customer_id, name="Acme", primary_email="billing@acme.test", address=togai.Address(country="DE"),
        account=togai.CreateAccountRequestWithoutCustomerId(id=account_id, name="Acme EU", invoice_currency="EUR"))))
    accounts = togai.AccountsApi(client)
    account = step("get_account", lambda: accounts.get_account(account_id))
    assert account.invoice_currency == "EUR", account

    schemas = togai.EventSchemasApi(client)
    step("create_event_schema", lambda: schemas.create_event_schema(togai.CreateEventSchemaRequest(
        name=schema_name, attributes=[togai.EventAttributeSchema(name="tokens")], dimensions=[togai.DimensionsSchema(name="model")])))
    step("activate_event_schema", lambda: schemas.activate_event_schema(schema_name))

    meters = togai.UsageMetersApi(client)
    meter = step("create_usage_meter (SUM of tokens)", lambda: meters.create_usage_meter(togai.CreateUsageMeterRequest(
        name=f"tokens_{run}", type="COUNTER", event_schema_name=schema_name, aggregation=togai.UsageMeterAggregation.SUM,
        computations=[togai.Computation(computation='{"var":"attributes.tokens"}', order=1)])))
    step("activate_usage_meter", lambda: meters.activate_usage_meter(meter.id))

    plans = togai.PricePlanV2Api(client)
    plan = step("create_price_plan_v2 (USD and EUR, monthly)", lambda: plans.create_price_plan_v2(togai.CreatePricePlanV2Request(
        name=f"tokens_plan_{run}", type=togai.PricePlanType.BILLING, supported_currencies=["USD", "EUR"],
        pricing_cycle_config=togai.PricingCycleConfig(interval=togai.PricingCycleInterval.MONTHLY, grace_period=0))))
    usage_card = togai.UsageRateCard(usage_meter_id=meter.id,
        rate_plan=togai.RatePlan(pricing_model=togai.PricingModel.TIERED, slabs=[
            togai.Slab(order=1, start_after=0, price_type=togai.PriceType.PER_UNIT),
            togai.Slab(order=2, start_after=100, price_type=togai.PriceType.PER_UNIT)]),
        rate_values=[
            togai.RateValue(currency="USD", slab_rates=[togai.SlabRate(order=1, rate=0.02), togai.SlabRate(order=2, rate=0.01)]),
            togai.RateValue(currency="EUR", slab_rates=[togai.SlabRate(order=1, rate=0.5), togai.SlabRate(order=2, rate=0.25)])])
    step("bulk_price_plan_rate_card_operations (one usage rate card)", lambda: plans.bulk_price_plan_rate_card_operations(
        plan.id, togai.BulkRateCardOperationsRequest(operations=[togai.RateCardOperation(action_type="CREATE", rate_card_name="tokens",
            rate_card=togai.RateCardData(billable_id=meter.id, type=togai.RateCardType.USAGE, invoice_timing=togai.InvoiceTiming.IN_ARREARS,
                rate_card_details=togai.RateCardDetails(usage_rate_card=usage_card)))])))
    step("finalize_price_plan", lambda: plans.finalize_price_plan(plan.id, togai.FinalizePricePlanRequest()))
    step("get_price_plan_v2", lambda: plans.get_price_plan_v2(plan.id))
    step("list_price_plan_rate_cards", lambda: plans.list_price_plan_rate_cards(plan.id))

    ingest = togai.EventIngestionApi(client)

    def event(number, tokens):
        return togai.Event(id=f"{run}-{number}", schema_name=schema_name, timestamp=dt.datetime.now(dt.timezone.utc),
            account_id=account_id, attributes=[togai.Attribute(name="tokens", value=str(tokens))], dimensions={"model": "small"})

    first = event(1, 50)
    step("ingest 50 tokens before the plan is associated", lambda: ingest.ingest(togai.IngestEventRequest(event=first)))
    time.sleep(2)
    step("update_pricing_schedule: the plan from the start of this month", lambda: accounts.update_pricing_schedule(account_id,
        togai.UpdatePricingScheduleRequestWithActions(price_plan_id=plan.id, effective_from=month_start,
            effective_until=dt.date(9999, 1, 1), mode="ASSOCIATE")))
    step("ingest_batch: 70 more tokens", lambda: ingest.ingest_batch(togai.IngestBatchEventRequest(events=[event(2, 30), event(3, 40)])))
    step("ingest the first event again: 202, not counted twice", lambda: ingest.ingest(togai.IngestEventRequest(event=first)))
    step("get_pricing_schedules", lambda: accounts.get_pricing_schedules(account_id))

    # 120 tokens: 100 at 0.5 EUR and 20 at 0.25 EUR = 55 EUR, all of it, the 50 tokens metered
    # before the backdated association included.
    metrics = togai.MetricsApi(client)
    start = dt.datetime.combine(month_start, dt.time(), dt.timezone.utc)
    end = start + dt.timedelta(days=32)
    expected = {"USAGE": 120.0, "REVENUE": 55.0}
    for attempt in range(30):
        answer = step("get_metrics (usage and revenue for the cycle)", lambda: metrics.get_metrics(togai.GetMetricsRequest(
            start_time=start, end_time=end, metric_queries=[
                togai.MetricQuery(id="usage", name=togai.MetricName.USAGE, aggregation_period="MONTH",
                    filters=[togai.MetricQueryFilterEntry(field_name="ACCOUNT_ID", field_values=[account_id]),
                             togai.MetricQueryFilterEntry(field_name="USAGE_METER_ID", field_values=[meter.id])]),
                togai.MetricQuery(id="revenue", name=togai.MetricName.REVENUE, aggregation_period="MONTH", configs={"CURRENCY": "INVOICE"},
                    filters=[togai.MetricQueryFilterEntry(field_name="ACCOUNT_ID", field_values=[account_id])])])))
        seen = {result.name.value: sum(sum(point.metric_values) for point in result.data) for result in answer.results}
        if seen == expected:
            break
        time.sleep(1)
    print(f"      usage and revenue this cycle: {seen}")
    if seen != expected:
        print(f"FAIL  expected {expected}")
        sys.exit(1)

    features = togai.FeatureApi(client)
    feature = step("create_feature (one unit per event)", lambda: features.create_feature(togai.CreateFeatureRequest(
        name=f"calls_{run}", schema_associations=[togai.EventSchemasForFeature(schema_name=schema_name, attribute_name="tokens")])))
    step("get_features", lambda: features.get_features())
    entitlements = togai.EntitlementsApi(client)
    step("get_entitlements", lambda: entitlements.get_entitlements(account_id))
    credits = togai.CreditsApi(client)
    step("create_credit (10 EUR)", lambda: credits.create_credit(togai.CreateCreditRequest(credit_requests=[togai.CreditRequest(
        account_id=account_id, purpose="Welcome credit", effective_from=month_start, credit_amount=10, priority=1)])))
    balance = step("credit_balance_for_account", lambda: credits.credit_balance_for_account(account_id))
    print(f"      credit balance: {balance.to_dict()}")
    step("list_credits", lambda: credits.list_credits(account_id=account_id))

    settings = togai.SettingsApi(client)
    step("insert_setting (a NUMERIC setting of the account)", lambda: settings.insert_setting(togai.Setting(
        id="success_threshold", namespace="USER", name="Success threshold", entity_type="ACCOUNT", entity_id=account_id,
        value="0.75", data_type=togai.SettingDataType.NUMERIC)))
    setting_id = f"setting.USER.success_threshold.ACCOUNT.{account_id}"
    step("update_setting", lambda: settings.update_setting(setting_id, togai.UpdateSettingRequest(value="0.9")))
    setting = step("get_setting", lambda: settings.get_setting(setting_id))
    assert setting.value == "0.9", setting
    listed = step("list_setting (by entity)", lambda: settings.list_setting(entity_type="ACCOUNT", entity_id=account_id))
    assert [s.id for s in listed.data] == ["success_threshold"], listed
    print(f"feature {feature.id}; every step answered in Togai's models")


if __name__ == "__main__":
    main()
