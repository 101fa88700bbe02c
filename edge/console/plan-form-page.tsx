import type { FC } from 'hono/jsx';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import { minorUnits } from '../../shared/pricing/currency';
import { cycleIntervals } from '../../shared/pricing/price-plan';
import { pricingModels, priceTypes } from '../../shared/pricing/rate-card';
import { column, field, type FormFields } from './forms/form-data';
import { planFormShape } from './forms/plan-form';

const DAYS = [...Array.from({ length: 31 }, (_, i) => String(i + 1)), 'LAST'];

/**
 * A price plan's form: a new plan (POST /price_plans), or the next version of one (PATCH). Rate
 * cards and slabs are rows; blank rows are ignored, and there is always a spare one to fill.
 */
export const PlanForm: FC<{
  action: string;
  submit: string;
  fields: FormFields;
  meters: UsageMeter[];
  editing: boolean;
}> = ({ action, submit, fields, meters, editing }) => {
  const shape = planFormShape(fields);
  const value = (name: string) => field(fields, name);
  const at = (name: string, i: number) => column(fields, name)[i] ?? '';
  return (
    <form class="stack" method="post" action={action}>
      <fieldset>
        <legend>Plan</legend>
        <div>
          <label for="name">Name</label>
          <input id="name" name="name" value={value('name')} required maxlength={50} />
        </div>
        <div>
          <label for="description">Description</label>
          <input id="description" name="description" value={value('description')} maxlength={255} size={40} />
        </div>
        <div class="row">
          <div>
            <label for="currency">Currency</label>
            <select id="currency" name="currency">
              {Object.keys(minorUnits).map((c) => (
                <option value={c} selected={c === (value('currency') || 'USD')}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="interval">Billing cycle</label>
            <select id="interval" name="interval">
              {cycleIntervals.map((i) => (
                <option value={i} selected={i === (value('interval') || 'MONTHLY')}>
                  {i.toLowerCase().replace('_', '-')}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="anniversaryCycle">Cycles start</label>
            <select id="anniversaryCycle" name="anniversaryCycle">
              <option value="false">on the day below</option>
              <option value="true" selected={value('anniversaryCycle') === 'true'}>
                on each account’s association day
              </option>
            </select>
          </div>
          <div>
            <label for="dayOffset">Day of the month</label>
            <select id="dayOffset" name="dayOffset">
              {DAYS.map((d) => (
                <option value={d} selected={d === (value('dayOffset') || '1')}>
                  {d === 'LAST' ? 'last' : d}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="monthOffset">First month (1–12)</label>
            <input
              id="monthOffset"
              name="monthOffset"
              type="number"
              min={1}
              max={12}
              value={value('monthOffset') || '1'}
            />
          </div>
          <div>
            <label for="gracePeriod">Grace period (days)</label>
            <input
              id="gracePeriod"
              name="gracePeriod"
              type="number"
              min={0}
              max={60}
              value={value('gracePeriod') || '0'}
            />
          </div>
        </div>
      </fieldset>
      {Array.from({ length: shape.cards }, (_, i) => (
        <fieldset>
          <legend>Rate card {i + 1}</legend>
          <div class="row">
            <div>
              <label for={`cardMeter${i}`}>Rate card {i + 1} meter</label>
              <select id={`cardMeter${i}`} name="cardMeter">
                <option value="">none</option>
                {meters.map((m) => (
                  <option value={m.id} selected={m.id === at('cardMeter', i)}>{`${m.name} (${m.aggregation})`}</option>
                ))}
              </select>
            </div>
            <div>
              <label for={`cardModel${i}`}>Pricing model</label>
              <select id={`cardModel${i}`} name="cardModel">
                {pricingModels.map((m) => (
                  <option value={m} selected={m === (at('cardModel', i) || 'TIERED')}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for={`cardPackageSize${i}`}>Package size (PACKAGE only)</label>
              <input
                id={`cardPackageSize${i}`}
                name="cardPackageSize"
                inputmode="decimal"
                value={at('cardPackageSize', i)}
                size={8}
              />
            </div>
          </div>
          {Array.from({ length: shape.slabs[i] ?? 3 }, (_, j) => (
            <div class="row">
              <div>
                <label for={`card${i}StartAfter${j}`}>{`Slab ${j + 1} starts after`}</label>
                <input
                  id={`card${i}StartAfter${j}`}
                  name={`card${i}StartAfter`}
                  inputmode="decimal"
                  value={at(`card${i}StartAfter`, j)}
                  size={10}
                />
              </div>
              <div>
                <label for={`card${i}Rate${j}`}>{`Slab ${j + 1} rate`}</label>
                <input
                  id={`card${i}Rate${j}`}
                  name={`card${i}Rate`}
                  inputmode="decimal"
                  value={at(`card${i}Rate`, j)}
                  size={10}
                />
              </div>
              <div>
                <label for={`card${i}PriceType${j}`}>{`Slab ${j + 1} price type`}</label>
                <select id={`card${i}PriceType${j}`} name={`card${i}PriceType`}>
                  {priceTypes.map((t) => (
                    <option value={t} selected={t === (at(`card${i}PriceType`, j) || 'PER_UNIT')}>
                      {t === 'PER_UNIT' ? 'per unit' : 'flat'}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      <fieldset>
        <legend>Fixed fees, each cycle</legend>
        {Array.from({ length: shape.fees }, (_, i) => (
          <div class="row">
            <div>
              <label for={`feeName${i}`}>{`Fee ${i + 1} name`}</label>
              <input id={`feeName${i}`} name="feeName" value={at('feeName', i)} />
            </div>
            <div>
              <label for={`feeAmount${i}`}>{`Fee ${i + 1} amount`}</label>
              <input id={`feeAmount${i}`} name="feeAmount" inputmode="decimal" value={at('feeAmount', i)} size={10} />
            </div>
          </div>
        ))}
      </fieldset>
      {editing && (
        <p class="hint">
          On an ACTIVE plan, changed rates are published as a new version: accounts keep the version they were
          associated with.
        </p>
      )}
      <div>
        <button type="submit">{submit}</button>
      </div>
    </form>
  );
};
