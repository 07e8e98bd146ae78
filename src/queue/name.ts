/**
 * The BullMQ queue every newsfacts process shares on a Redis. NEWSFACTS_QUEUE names another, so two
 * corpora (or the tests) can share one Redis without mixing their jobs; workers must be given the same name.
 * (A module of its own: a worker shows it in --help without loading ioredis.)
 */
export const QUEUE_NAME = process.env.NEWSFACTS_QUEUE || 'newsfacts-articles';
