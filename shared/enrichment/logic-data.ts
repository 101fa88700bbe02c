import type { AcceptedEvent } from '../event/accepted-event';

/** What a JsonLogic formula sees: `{"var": "attributes.amount"}`, `{"var": "dimensions.region"}`. */
export interface LogicData {
  accountId: string;
  schemaName: string;
  timestamp: string;
  attributes: Record<string, number>;
  dimensions: Record<string, string>;
}

export function logicData(
  event: Pick<AcceptedEvent, 'accountId' | 'schemaName' | 'timestamp' | 'attributes' | 'dimensions'>,
): LogicData {
  const attributes: Record<string, number> = {};
  for (const [name, value] of Object.entries(event.attributes)) {
    attributes[name] = Number(value);
  }
  return {
    accountId: event.accountId,
    schemaName: event.schemaName,
    timestamp: event.timestamp,
    attributes,
    dimensions: { ...event.dimensions },
  };
}
