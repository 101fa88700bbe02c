import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Togai's response models as JSON Schemas (togai-models.json, generated from Togai's official
 * client: generate-togai-models.py), and a check that an answer of Meterline's is a valid
 * instance — what Togai's own client needs to read it. Fields Togai does not know are allowed, as
 * its client allows them (Meterline's extensions).
 */
const models = JSON.parse(readFileSync(new URL('./togai-models.json', import.meta.url), 'utf8')) as {
  $defs: Record<string, unknown>;
};
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'togai', $defs: models.$defs });

export type TogaiModel = keyof typeof models.$defs & string;

/** The problems that keep `body` from being a Togai `model`; none when it is one. */
export function togaiProblems(model: string, body: unknown): string[] {
  if (!(model in models.$defs)) {
    throw new Error(`Togai has no model ${model}`);
  }
  const validate = ajv.getSchema(`togai#/$defs/${model}`)!;
  if (validate(body)) {
    return [];
  }
  return (validate.errors ?? []).map(
    (e: ErrorObject) =>
      `${e.instancePath || '/'} ${e.message}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
  );
}

/** Throws, listing every problem, unless `body` is a valid Togai `model`. */
export function expectTogai(model: string, body: unknown): void {
  const problems = togaiProblems(model, body);
  if (problems.length > 0) {
    throw new Error(`not a Togai ${model}:\n  ${problems.join('\n  ')}\n${JSON.stringify(body).slice(0, 1000)}`);
  }
}
