-- A new office day: unless the office keeps yesterday's unserved tickets, waiting and parked tickets end as
-- "expired". ARGV: prefix, new day key, carry over (1|0), nowMs, queues... Returns the version, or 0 if the day had not changed.
local P = ARGV[1]
local previous = redis.call('GET', P .. 'day')
if previous == ARGV[2] then return 0 end
redis.call('SET', P .. 'day', ARGV[2])
if previous == false or ARGV[3] == '1' then return redis.call('INCR', P .. 'ver') end
local function expire(id)
  redis.call('HSET', P .. 't:' .. id, 'state', 'expired', 'endedAt', ARGV[4])
end
for i = 5, #ARGV do
  for _, id in ipairs(redis.call('ZRANGE', P .. 'w:' .. ARGV[i], 0, -1)) do expire(id) end
  redis.call('DEL', P .. 'w:' .. ARGV[i], P .. 'a:' .. ARGV[i])
end
for _, id in ipairs(redis.call('ZRANGE', P .. 'parked', 0, -1)) do expire(id) end
redis.call('DEL', P .. 'parked')
return redis.call('INCR', P .. 'ver')
