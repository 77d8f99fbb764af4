-- Marks tickets whose turn is approaching, once per ticket and queue. ARGV: prefix, queue, ids...
-- Returns the ids newly marked.
local P = ARGV[1]
local marked = {}
for i = 3, #ARGV do
  local key = P .. 't:' .. ARGV[i]
  if redis.call('HGET', key, 'state') == 'waiting' and redis.call('HGET', key, 'approached') ~= ARGV[2] then
    redis.call('HSET', key, 'approached', ARGV[2])
    table.insert(marked, ARGV[i])
  end
end
return marked
