export {
  redisAvailable,
  redisSkipReason,
  REDIS_SERVER,
  startRedis,
  type TestRedis,
} from './redis-server.js';
