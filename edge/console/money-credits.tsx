import type { FC } from 'hono/jsx';
import type { z } from 'zod';
import type { creditBalanceSchema, creditSchema } from '../../shared/credit/credit-wire';

export type MoneyCredit = z.infer<typeof creditSchema>;
export type MoneyBalance = z.infer<typeof creditBalanceSchema>;

/**
 * The account's money credits (Togai's CreditsApi), which pay its statements: the balance, and each
 * credit with what final cycles consumed and what the open cycle holds. Read-only here.
 */
export const MoneyCredits: FC<{ balance?: MoneyBalance | undefined; credits: MoneyCredit[] }> = ({
  balance,
  credits,
}) => (
  <section aria-labelledby="money-heading">
    <h2 id="money-heading">Money credits</h2>
    {credits.length === 0 ? (
      <p>No money credits: statements are charged in full.</p>
    ) : (
      <>
        {balance && (
          <dl class="facts">
            <dt>In effect</dt>
            <dd>
              {String(balance.activeCredits)} {balance.unit}
            </dd>
            <dt>Left after final cycles</dt>
            <dd>
              {String(balance.availableBalance)} {balance.unit}
            </dd>
            <dt>Left after the open cycle</dt>
            <dd data-testid="money-running-balance">
              {String(balance.runningBalance)} {balance.unit}
            </dd>
          </dl>
        )}
        <div class="scroll">
          <table>
            <caption class="hint">Used in priority order (lower first); granted with POST /credits</caption>
            <thead>
              <tr>
                <th scope="col">Purpose</th>
                <th scope="col">Status</th>
                <th scope="col">Days (UTC)</th>
                <th scope="col" class="num">
                  Granted
                </th>
                <th scope="col" class="num">
                  Consumed
                </th>
                <th scope="col" class="num">
                  Held
                </th>
                <th scope="col" class="num">
                  Left
                </th>
              </tr>
            </thead>
            <tbody>
              {credits.map((credit) => (
                <tr>
                  <td>{credit.purpose}</td>
                  <td>
                    <span class={`status ${credit.status}`}>{credit.status}</span>
                  </td>
                  <td>
                    {credit.effectiveFrom.slice(0, 10)} –{' '}
                    {credit.effectiveUntil ? credit.effectiveUntil.slice(0, 10) : 'no end'}
                  </td>
                  <td class="num">
                    {String(credit.creditAmount)} {credit.creditUnit}
                  </td>
                  <td class="num">{String(credit.consumedAmount)}</td>
                  <td class="num">{String(credit.holdAmount)}</td>
                  <td class="num">{String(credit.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    )}
  </section>
);
