export {
  connectRedis,
  redactRedisUrl,
  REDIS_GIVE_UP_MS,
  type ConnectRedisOptions,
  type Redis,
} from './redis.js';
