import type { Principal } from '../shared/auth/api-key';
import type { EdgeEnv } from './env';

export interface EdgeHono {
  Bindings: EdgeEnv;
  Variables: { principal: Principal };
}
