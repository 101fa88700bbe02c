import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * `npm run lint`: Biome's check of the whole tree (formatting and the rules in biome.json), then a
 * ratchet on the non-null assertions production code still holds. They are reported as warnings,
 * not errors, because the tree had them before the rule; their count may only go down. Removing
 * some lowers the budget with `npm run lint -- --lower-budget`.
 */
const BUDGET_FILE = '.ci/non-null-assertion-budget';

const check = spawnSync('npx', ['biome', 'ci', '--colors=off', '--max-diagnostics=0', '.'], { encoding: 'utf8' });
const output = `${check.stdout}${check.stderr}`;
const summary = output.split('\n').filter((line) => /^(Checked|Found) /.test(line));
console.log(summary.join('\n'));
if (check.status !== 0) {
  console.error('\nbiome ci failed: run `npx biome ci .` to see where, `npm run format` to format the tree');
  process.exit(1);
}

const warnings = Number(/^Found (\d+) warnings?\./m.exec(output)?.[1] ?? 0);
const budget = Number(readFileSync(BUDGET_FILE, 'utf8').trim());
if (process.argv.includes('--lower-budget') && warnings < budget) {
  writeFileSync(BUDGET_FILE, `${warnings}\n`);
  console.log(`non-null assertions: budget lowered from ${budget} to ${warnings}`);
} else if (warnings > budget) {
  console.error(`\n${warnings} non-null assertions in production code, over the budget of ${budget} (${BUDGET_FILE}).`);
  console.error('New code checks for null or undefined instead: `npx biome lint .` shows where.');
  process.exit(1);
} else {
  console.log(
    `non-null assertions: ${warnings} of a budget of ${budget}${warnings < budget ? ' — lower it: npm run lint -- --lower-budget' : ''}`,
  );
}
