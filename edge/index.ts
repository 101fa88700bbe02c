import { createApp } from './app';

export { ConfigReplica } from './config/config-replica';
export { DedupShard } from './dedup/dedup-shard';

export default createApp();
