/** An HTML form as submitted: each field name with its values, in order (names repeat). */
export type FormFields = Record<string, string | string[]>;

export function field(form: FormFields, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** The values of a repeated field (one per row of a form table), blanks kept so rows line up. */
export function column(form: FormFields, name: string): string[] {
  const value = form[name];
  return (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((v) => v.trim());
}

/** A datetime-local value (no zone, with or without seconds) read as UTC; blank stays blank. */
export function utcInstant(local: string): string {
  if (local === '') {
    return '';
  }
  return local.length === 16 ? `${local}:00Z` : `${local}Z`;
}
