import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { jsonResponse, pageSchema, problems } from './common';
import { extension } from './extension';

const tags = ['Invoices'];

/** Togai's InvoicesStatus. A frozen Meterline invoice is DUE (payment is not tracked). */
export const togaiInvoiceStatuses = [
  'DRAFT',
  'DUE',
  'PAID',
  'VOID',
  'UN_COLLECTIBLE',
  'REFUND_INITIATED',
  'REFUND_COMPLETED',
  'MERGED',
  'PARTIALLY_PAID',
] as const;

const amount = z.number().meta({ description: 'An exact decimal, as a JSON number' });

function lineItem<S extends z.ZodType>(children: z.ZodArray<S>) {
  return z.object({
    description: z.string(),
    type: z.string().meta({
      description:
        "Togai's line item types (TOTAL_AMOUNT, USAGE_METER_USAGE, USAGE_RATE_CARD_AMOUNT, USAGE_RATE_CARD_SLAB_AMOUNT, FIXED_FEE_RATE_CARD_AMOUNT) and Meterline's CYCLE_ADJUSTMENT_AMOUNT: the change of an earlier, frozen cycle's statement, billed here",
    }),
    quantity: amount.optional(),
    valuePerQuantity: amount.optional(),
    value: amount,
    metadata: z.record(z.string(), z.unknown()).optional(),
    lineItems: children,
  });
}
/** Three levels deep: the total, a rate card's amount, a slab's (which has no items: always []). */
const slabItem = lineItem(z.array(z.unknown()).max(0));
const rateCardItem = lineItem(z.array(slabItem));
const totalItem = lineItem(z.array(rateCardItem)).meta({ id: 'InvoiceLineItem' });

const invoiceExtension = z
  .object({
    status: z.literal('FINAL'),
    number: z
      .number()
      .int()
      .meta({ description: "The tenant's invoice number: 1, 2, 3, … without gaps (also `sequenceId`)" }),
    accountId: z.string(),
    cycleStart: z.string(),
    cycleEnd: z.string(),
    currency: z.string().meta({ description: 'The currency of totalAmount' }),
    totals: z
      .array(z.object({ currency: z.string(), amount }))
      .meta({ description: 'Per currency: the cycle’s lines plus the adjustments' }),
  })
  .meta(
    extension(
      'Meterline: the invoice is FINAL (frozen when its cycle’s grace period ended, never changed after), with its totals per currency',
    ),
  );

const summaryShape = {
  id: z.string(),
  customerId: z.string().optional(),
  ownerId: z.string().meta({ description: 'The account' }),
  pricePlanId: z.string().optional().meta({ description: 'The plan in force at the cycle end' }),
  status: z.enum(togaiInvoiceStatuses).meta({ description: 'DUE: frozen, its amounts final' }),
  finalizingStatus: z.enum(['FINALIZING', 'FINALIZED']),
  invoiceClass: z.literal('INVOICE'),
  invoiceType: z.literal('STANDARD'),
  startDate: z.string().meta({ description: 'The billing cycle’s start' }),
  endDate: z.string().meta({ description: 'The billing cycle’s end (exclusive)' }),
  endDateInclusive: z.string(),
  invoiceDate: z.string().meta({ description: 'When the invoice was frozen' }),
  dueDate: z.string().meta({ description: 'invoiceDate plus the account’s net term' }),
  generatedAt: z.string(),
  updatedAt: z.string().meta({ description: 'The invoiceDate: an invoice never changes' }),
  sequenceId: z.string(),
  totalAmount: amount.meta({ description: 'In the invoice’s currency (meterline.currency), adjustments included' }),
  paidAmount: amount,
  netTermDays: z.number().int(),
  meterline: invoiceExtension,
};

export const invoiceSummarySchema = z.object(summaryShape).meta({ id: 'InvoiceSummary' });
export const invoiceSchema = z
  .object({
    ...summaryShape,
    usageInfo: z.array(slabItem).meta({ description: 'A USAGE_METER_USAGE item per usage rate card' }),
    revenueInfo: totalItem,
  })
  .meta({ id: 'Invoice' });

const epochMillis = z.coerce.number().int().min(0).max(8_640_000_000_000_000);

export const listInvoicesQuery = z
  .strictObject({
    nextToken: z
      .string()
      .max(1000)
      .optional()
      .meta({ description: 'From the previous page; absent for the first page' }),
    pageSize: z.coerce.number().int().min(1).max(50).default(50).meta({ description: 'At most 50, as Togai' }),
    status: z
      .enum(togaiInvoiceStatuses)
      .optional()
      .meta({ description: 'Every invoice Meterline makes is DUE: another status lists none' }),
    ownerId: z.string().min(1).max(512).optional().meta({ description: 'Only this account’s invoices' }),
    customerId: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .meta({ description: 'Only the invoices of this customer’s accounts' }),
    startTime: epochMillis
      .optional()
      .meta({ description: 'Only invoices whose cycle ends after this instant (epoch milliseconds)' }),
    endTime: epochMillis
      .optional()
      .meta({ description: 'Only invoices whose cycle starts before this instant (epoch milliseconds)' }),
  })
  .superRefine((query, ctx) => {
    if (query.startTime !== undefined && query.endTime !== undefined && query.endTime <= query.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after startTime' });
    }
  });

const invoiceParam = z.object({
  invoice_id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'invoice_id', in: 'path' } }),
});

/** Togai's InvoicesApi where Meterline has the feature: invoices are made by the freeze pass, read here. */
export const invoiceRoutes = {
  list: createRoute({
    method: 'get',
    path: '/invoices',
    tags,
    summary: 'List invoices, in invoice number order',
    request: { query: listInvoicesQuery },
    responses: {
      200: jsonResponse(pageSchema(invoiceSummarySchema, 'ListInvoicesResponse'), 'A page of invoices'),
      ...problems(422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/invoices/{invoice_id}',
    tags,
    summary: 'Get an invoice, with its lines',
    request: { params: invoiceParam },
    responses: { 200: jsonResponse(invoiceSchema, 'The invoice, as frozen'), ...problems(404) },
  }),
};
