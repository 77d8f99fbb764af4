-- An office's queues read atomically, with the version they belong to.
-- ARGV: prefix, nowMs, queue count, queues..., procedures...
local P = ARGV[1]
local now = tonumber(ARGV[2])
local nq = tonumber(ARGV[3])
local out = { tonumber(redis.call('GET', P .. 'ver') or '0') }

local serving = redis.call('HGETALL', P .. 'serving')
local flat = {}
for i = 1, #serving, 2 do
  local t = redis.call('HMGET', P .. 't:' .. serving[i + 1], 'number', 'calledAt', 'state', 'recalls')
  for _, v in ipairs({ serving[i], serving[i + 1], t[1] or '', t[2] or '0', t[3] or 'called', t[4] or '0' }) do table.insert(flat, v) end
end
table.insert(out, flat)
table.insert(out, redis.call('HGETALL', P .. 'counters'))
table.insert(out, redis.call('LRANGE', P .. 'recent', 0, 7))

for i = 1, nq do
  local q = ARGV[3 + i]
  local ids = redis.call('ZRANGE', P .. 'w:' .. q, 0, -1)
  local procs = {}
  for _, id in ipairs(ids) do
    local t = redis.call('HMGET', P .. 't:' .. id, 'procedures', 'step')
    local list, n = {}, 0
    for part in string.gmatch(t[1] or '', '[^,]+') do table.insert(list, part) end
    table.insert(procs, list[(tonumber(t[2]) or 0) + 1] or '')
  end
  local oldest = redis.call('ZRANGE', P .. 'a:' .. q, 0, 0, 'WITHSCORES')
  local arrivals = redis.call('ZCOUNT', P .. 'arr:' .. q, now - 1800000, '+inf')
  table.insert(out, { ids, procs, oldest[2] or '', arrivals })
end

local svc = {}
for i = 4 + nq, #ARGV do
  table.insert(svc, redis.call('LRANGE', P .. 'svc:' .. ARGV[i], 0, 49))
end
table.insert(out, svc)
return out
