import type { FeatureListItem, FeatureResponse } from '../../shared/entitlement/feature';
import type { EventSchema } from '../../shared/event-schema/event-schema';
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
import { FeatureDetail, FeatureForm, FeatureList } from './feature-pages';
import { featureFields, featureRequest } from './forms/feature-form';
import type { FormFields } from './forms/form-data';
import type { Notice } from './layout';

const PAGE_SIZE = 50;

/** Features: the list, create, a feature's page, change its schema associations, archive. */
export function registerFeaturePages(app: ConsoleApp, { call, page }: ConsoleKit) {
  app.get('/features', async (c) => {
    const status = c.req.query('status') ?? '';
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({
      pageSize: String(PAGE_SIZE),
      ...(status ? { status } : {}),
      ...(token ? { nextToken: token } : {}),
    });
    const list = await call<{ data: FeatureListItem[]; nextToken?: string }>(c, 'GET', `/features?${query}`);
    return page(
      c,
      'Features',
      'features',
      <FeatureList features={list.body?.data ?? []} status={status} nextToken={list.body?.nextToken} />,
      failure(list),
    );
  });

  const formPage = async (c: C, title: string, action: string, submit: string, fields: FormFields, notice?: Notice) => {
    const schemas = await call<{ data: EventSchema[] }>(c, 'GET', '/event_schema?pageSize=200');
    const usable = (schemas.body?.data ?? []).filter((s) => s.status === 'ACTIVE');
    return page(
      c,
      title,
      'features',
      <FeatureForm action={action} submit={submit} fields={fields} schemas={usable} />,
      notice,
      notice ? 422 : 200,
    );
  };
  app.get('/features/new', (c) => formPage(c, 'New feature', '/console/features/new', 'Create feature', {}));
  app.post('/features/new', async (c) => {
    const fields = await form(c);
    const created = await call<FeatureResponse>(c, 'POST', '/features', featureRequest(fields));
    if (created.ok) {
      return done(
        c,
        `/console/features/${seg(created.body.id)}`,
        `Feature '${created.body.name}' created: it is ACTIVE`,
      );
    }
    return formPage(c, 'New feature', '/console/features/new', 'Create feature', fields, failure(created));
  });

  const featurePage = async (c: C, notice?: Notice) => {
    const feature = await call<FeatureResponse>(c, 'GET', `/features/${seg(pathParam(c, 'id'))}`);
    if (!feature.ok) {
      return page(c, 'Feature', 'features', <p>No such feature.</p>, failure(feature), 404);
    }
    return page(
      c,
      `Feature ${feature.body.name}`,
      'features',
      <FeatureDetail feature={feature.body} />,
      notice,
      notice ? 422 : 200,
    );
  };
  app.get('/features/:id', (c) => featurePage(c));
  app.get('/features/:id/edit', async (c) => {
    const id = c.req.param('id');
    const feature = await call<FeatureResponse>(c, 'GET', `/features/${seg(id)}`);
    if (!feature.ok) {
      return page(c, 'Feature', 'features', <p>No such feature.</p>, failure(feature), 404);
    }
    return formPage(
      c,
      `Change feature ${feature.body.name}`,
      `/console/features/${seg(id)}/edit`,
      'Save the feature',
      featureFields(feature.body),
    );
  });
  app.post('/features/:id/edit', async (c) => {
    const id = c.req.param('id');
    const fields = await form(c);
    const changed = await call(c, 'PATCH', `/features/${seg(id)}`, featureRequest(fields));
    if (changed.ok) {
      return done(c, `/console/features/${seg(id)}`, 'Feature saved');
    }
    return formPage(
      c,
      'Change feature',
      `/console/features/${seg(id)}/edit`,
      'Save the feature',
      fields,
      failure(changed),
    );
  });
  app.post('/features/:id/archive', async (c) => {
    const id = c.req.param('id');
    const archived = await call(c, 'POST', `/features/${seg(id)}/archive`);
    if (archived.ok) {
      return done(c, `/console/features/${seg(id)}`, 'Feature archived: it entitles nothing from now on');
    }
    return featurePage(c, failure(archived));
  });
}
