-- Records a counter's state (open|paused|closed) and queues; bumps the version only when it changed.
-- ARGV: prefix, counter, state|queues
local P = ARGV[1]
if redis.call('HGET', P .. 'counters', ARGV[2]) == ARGV[3] then return 0 end
redis.call('HSET', P .. 'counters', ARGV[2], ARGV[3])
return redis.call('INCR', P .. 'ver')
