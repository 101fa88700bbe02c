import { createApp } from './app';

export { DedupShard } from './dedup/dedup-shard';

export default createApp();
