import type { EventWithStatus } from '../../shared/api/event-routes';
import {
  done,
  failure,
  form,
  pathParam,
  seg,
  type ConsoleApp,
  type ConsoleContext as C,
  type ConsoleKit,
} from './console-kit';
import { RedoConfirmation, RedoEventForm } from './correction-pages';
import { correctionFieldLabel, correctionFields, redoEventRequest } from './forms/correction-form';

/**
 * Togai's event corrections beyond UNDO (console.tsx): REDO meters the event again as it was
 * accepted, after a confirmation; REDO_EVENT meters a changed payload in its place, from a form
 * prefilled with the event's own. Each is one POST /events/correction, synchronous: when it
 * answers, the event's page shows the outcome and its correction history.
 */
export function registerCorrectionPages(app: ConsoleApp, { call, page }: ConsoleKit) {
  const findEvent = async (c: C) => {
    const found = await call<{ events: EventWithStatus[] }>(c, 'GET', `/events/${seg(pathParam(c, 'id'))}`);
    return { found, event: found.ok ? found.body.events[0] : undefined };
  };
  const noEvent = (c: C, answer: Parameters<typeof failure>[0]) =>
    page(c, 'Event', 'events', <p>No such event (it may still be on its way to the rater).</p>, failure(answer), 404);
  const eventPath = (id: string) => `/console/events/${seg(id)}`;

  app.get('/events/:id/redo', async (c) => {
    const { found, event } = await findEvent(c);
    if (!event) {
      return noEvent(c, found);
    }
    return page(c, `Redo event ${event.eventPayload.id}?`, 'events', <RedoConfirmation event={event} />);
  });
  app.post('/events/:id/redo', async (c) => {
    const id = pathParam(c, 'id');
    // For a REDO only the id is read: the rater meters the payload it accepted.
    const { found, event } = await findEvent(c);
    if (!event) {
      return noEvent(c, found);
    }
    const answer = await call(c, 'POST', '/events/correction?action=REDO', { event: event.eventPayload });
    if (answer.ok) {
      return done(c, eventPath(id), 'Event metered again: its usage and revenue are counted once, as now priced');
    }
    return page(c, `Redo event ${id}?`, 'events', <RedoConfirmation event={event} />, failure(answer), 422);
  });

  app.get('/events/:id/redo-event', async (c) => {
    const { found, event } = await findEvent(c);
    if (!event) {
      return noEvent(c, found);
    }
    return page(
      c,
      `Replace event ${event.eventPayload.id}`,
      'events',
      <RedoEventForm id={event.eventPayload.id} fields={correctionFields(event)} />,
    );
  });
  app.post('/events/:id/redo-event', async (c) => {
    const id = pathParam(c, 'id');
    const fields = await form(c);
    const answer = await call(c, 'POST', '/events/correction?action=REDO_EVENT', redoEventRequest(id, fields));
    if (answer.ok) {
      return done(c, eventPath(id), 'Event replaced: the new payload is metered under the same id');
    }
    return page(
      c,
      `Replace event ${id}`,
      'events',
      <RedoEventForm id={id} fields={fields} />,
      failure(answer, correctionFieldLabel),
      422,
    );
  });
}
