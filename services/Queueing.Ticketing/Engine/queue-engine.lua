-- Matanai queue engine: every ticket operation of an office, atomically. See Engine/QueueEngine.cs for the
-- key scheme and argument layout. Returns a JSON string: {ok=1, ...} or {ok=0, status=4xx, error=...}.
local P = ARGV[1]
local cmdId = ARGV[2]
local action = ARGV[3]
local now = tonumber(ARGV[4])
local headStart = { walkin = tonumber(ARGV[5]), assistance = tonumber(ARGV[6]), booking = tonumber(ARGV[7]) }
local maxWait = tonumber(ARGV[8])
local recallsRequired = tonumber(ARGV[9])
local postponePlaces = tonumber(ARGV[10])
local postponeLimit = tonumber(ARGV[11])

local cmdKey = P .. 'cmd:' .. cmdId
if cmdId ~= '' then
  local done = redis.call('GET', cmdKey)
  if done then return done end
end

local function split(csv)
  local out = {}
  for part in string.gmatch(csv or '', '[^,]+') do table.insert(out, part) end
  return out
end

local function tkey(id) return P .. 't:' .. id end

local function load(id)
  if not id then return nil end
  local h = redis.call('HGETALL', tkey(id))
  if #h == 0 then return nil end
  local t = {}
  for i = 1, #h, 2 do t[h[i]] = h[i + 1] end
  return t
end

local function fail(status, message)
  return cjson.encode({ ok = 0, status = status, error = message })
end

local function enqueue(t, queue)
  local score = tonumber(t.arrivedAt) - (headStart[t.priority] or 0)
  redis.call('ZADD', P .. 'w:' .. queue, score, t.id)
  redis.call('ZADD', P .. 'a:' .. queue, tonumber(t.arrivedAt), t.id)
  redis.call('HSET', tkey(t.id), 'state', 'waiting', 'queue', queue, 'score', score)
  redis.call('HDEL', tkey(t.id), 'counter')
end

local function dequeue(t)
  redis.call('ZREM', P .. 'w:' .. t.queue, t.id)
  redis.call('ZREM', P .. 'a:' .. t.queue, t.id)
end

local function announce(t, counter, recalls)
  redis.call('LPUSH', P .. 'recent', cjson.encode({ counter = counter, number = t.number, calledAt = now, recalls = recalls }))
  redis.call('LTRIM', P .. 'recent', 0, 7)
end

local function callTo(t, counter)
  redis.call('HSET', tkey(t.id), 'state', 'called', 'counter', counter, 'calledAt', now, 'recalls', 0)
  redis.call('HSET', P .. 'serving', counter, t.id)
  announce(t, counter, 0)
end

local function done(result)
  result.ok = 1
  result.action = action
  result.version = redis.call('INCR', P .. 'ver')
  if result.ticket then result.ticket = load(result.ticket) end
  local json = cjson.encode(result)
  if cmdId ~= '' then redis.call('SET', cmdKey, json, 'EX', 86400) end
  return json
end

local function atCounter(counter)
  local id = redis.call('HGET', P .. 'serving', counter)
  local t = load(id)
  if not t then return nil end
  return t
end

if action == 'issue' then
  local office, day, channel, token, priority = ARGV[12], ARGV[13], ARGV[14], ARGV[15], ARGV[16]
  local procs, queues = ARGV[17], split(ARGV[18])
  local seqKey = P .. 'seq:' .. day .. ':' .. queues[1]
  local n = redis.call('INCR', seqKey)
  redis.call('EXPIRE', seqKey, 172800)
  local number = queues[1] .. '-' .. string.format('%03d', n)
  local id = office .. '.' .. day .. '.' .. number
  redis.call('HSET', tkey(id), 'id', id, 'office', office, 'number', number, 'procedures', procs, 'queues', ARGV[18],
    'step', 0, 'channel', channel, 'token', token, 'priority', priority, 'arrivedAt', now, 'issuedAt', now,
    'recalls', 0, 'postpones', 0)
  redis.call('EXPIRE', tkey(id), 259200)
  local t = load(id)
  enqueue(t, queues[1])
  redis.call('ZADD', P .. 'arr:' .. queues[1], now, id)
  redis.call('ZREMRANGEBYSCORE', P .. 'arr:' .. queues[1], '-inf', now - 7200000)
  return done({ ticket = id })
end

if action == 'call-next' or action == 'call' then
  local counter = ARGV[12]
  local queues = split(ARGV[13])
  if redis.call('HEXISTS', P .. 'serving', counter) == 1 then
    return fail(409, 'Counter ' .. counter .. ' still has a ticket: complete, return or park it first.')
  end
  local t
  if action == 'call' then
    t = load(ARGV[14])
    if not t then return fail(404, 'No ticket ' .. ARGV[14] .. ' today.') end
    local serves = false
    for _, q in ipairs(queues) do if q == t.queue then serves = true end end
    if not serves then return fail(409, 'Counter ' .. counter .. ' does not serve queue ' .. t.queue .. '.') end
    if t.state == 'waiting' then dequeue(t)
    elseif t.state == 'parked' then redis.call('ZREM', P .. 'parked', t.id)
    else return fail(409, 'Ticket ' .. t.number .. ' is ' .. t.state .. ', not waiting.') end
  else
    local best, bestScore, bestQueue, oldest, oldestAt, oldestQueue
    for _, q in ipairs(queues) do
      local top = redis.call('ZRANGE', P .. 'w:' .. q, 0, 0, 'WITHSCORES')
      if top[1] and (best == nil or tonumber(top[2]) < bestScore) then best, bestScore, bestQueue = top[1], tonumber(top[2]), q end
      local first = redis.call('ZRANGE', P .. 'a:' .. q, 0, 0, 'WITHSCORES')
      if first[1] and (oldest == nil or tonumber(first[2]) < oldestAt) then oldest, oldestAt, oldestQueue = first[1], tonumber(first[2]), q end
    end
    if best == nil then
      return cjson.encode({ ok = 1, none = 1, action = action, version = tonumber(redis.call('GET', P .. 'ver') or '0') })
    end
    -- Nobody starves: past the maximum wait, the longest-waiting ticket goes first whatever its class.
    if oldest and now - oldestAt > maxWait then best = oldest end
    t = load(best)
    dequeue(t)
  end
  callTo(t, counter)
  return done({ ticket = t.id })
end

if action == 'unpark' or action == 'cancel' or action == 'postpone' then
  local t = load(ARGV[12])
  if not t then return fail(404, 'No such ticket.') end
  if action == 'unpark' then
    if t.state ~= 'parked' then return fail(409, 'Ticket ' .. t.number .. ' is ' .. t.state .. ', not parked.') end
    redis.call('ZREM', P .. 'parked', t.id)
    enqueue(t, t.queue)
    return done({ ticket = t.id })
  end
  if action == 'cancel' then
    if t.state == 'waiting' then dequeue(t)
    elseif t.state == 'parked' then redis.call('ZREM', P .. 'parked', t.id)
    else return fail(409, 'Ticket ' .. t.number .. ' is ' .. t.state .. ' and can no longer be cancelled.') end
    redis.call('HSET', tkey(t.id), 'state', 'cancelled', 'endedAt', now)
    return done({ ticket = t.id, left = 1 })
  end
  -- postpone: move back a few places, a limited number of times
  if t.state ~= 'waiting' then return fail(409, 'Only a waiting ticket can make way.') end
  if tonumber(t.postpones) >= postponeLimit then return fail(409, 'This ticket has already made way ' .. postponeLimit .. ' times.') end
  local w = P .. 'w:' .. t.queue
  local rank = redis.call('ZRANK', w, t.id)
  local behind = redis.call('ZRANGE', w, rank + 1, rank + postponePlaces, 'WITHSCORES')
  if #behind == 0 then return fail(409, 'Nobody is waiting behind this ticket.') end
  local newScore = tonumber(behind[#behind]) + 0.001
  redis.call('ZADD', w, newScore, t.id)
  redis.call('HSET', tkey(t.id), 'score', newScore, 'postpones', tonumber(t.postpones) + 1)
  return done({ ticket = t.id })
end

-- Every other action works on the ticket at a counter.
local counter = ARGV[12]
local t = atCounter(counter)
if not t then return fail(409, 'Counter ' .. counter .. ' has no ticket. Call one first.') end

if action == 'recall' then
  if t.state ~= 'called' then return fail(409, 'Ticket ' .. t.number .. ' is already being served.') end
  local recalls = tonumber(t.recalls) + 1
  redis.call('HSET', tkey(t.id), 'recalls', recalls, 'recalledAt', now)
  announce(t, counter, recalls)
  return done({ ticket = t.id })
end

if action == 'start' then
  if t.state ~= 'called' then return fail(409, 'Ticket ' .. t.number .. ' is already being served.') end
  redis.call('HSET', tkey(t.id), 'state', 'serving', 'startedAt', now)
  return done({ ticket = t.id })
end

redis.call('HDEL', P .. 'serving', counter)

if action == 'complete' then
  local procs, queues = split(t.procedures), split(t.queues)
  local step = tonumber(t.step)
  local began = tonumber(t.startedAt or t.calledAt)
  redis.call('LPUSH', P .. 'svc:' .. procs[step + 1], string.format('%.3f', (now - began) / 60000))
  redis.call('LTRIM', P .. 'svc:' .. procs[step + 1], 0, 49)
  if step + 1 < #procs then
    -- A one-stop visit moves on to its next procedure, keeping its original arrival time.
    redis.call('HSET', tkey(t.id), 'step', step + 1, 'recalls', 0)
    redis.call('HDEL', tkey(t.id), 'calledAt', 'startedAt', 'approached')
    enqueue(t, queues[step + 2])
    return done({ ticket = t.id, next = queues[step + 2] })
  end
  redis.call('HSET', tkey(t.id), 'state', 'completed', 'endedAt', now)
  return done({ ticket = t.id, left = 1 })
end

if action == 'no-show' then
  if t.state ~= 'called' then
    redis.call('HSET', P .. 'serving', counter, t.id)
    return fail(409, 'Ticket ' .. t.number .. ' is being served; it cannot be a no-show.')
  end
  if tonumber(t.recalls) < recallsRequired then
    redis.call('HSET', P .. 'serving', counter, t.id)
    return fail(409, 'Recall ' .. t.number .. ' ' .. recallsRequired .. ' times before marking a no-show (recalled ' .. t.recalls .. ').')
  end
  redis.call('HSET', tkey(t.id), 'state', 'no-show', 'endedAt', now)
  return done({ ticket = t.id, left = 1 })
end

if action == 'return' then
  redis.call('HDEL', tkey(t.id), 'calledAt', 'startedAt')
  enqueue(t, t.queue)
  return done({ ticket = t.id })
end

if action == 'transfer' then
  local target = ARGV[13]
  redis.call('HDEL', tkey(t.id), 'calledAt', 'startedAt', 'approached')
  redis.call('HSET', tkey(t.id), 'recalls', 0)
  enqueue(t, target)
  return done({ ticket = t.id })
end

if action == 'park' then
  redis.call('HSET', tkey(t.id), 'state', 'parked')
  redis.call('HDEL', tkey(t.id), 'counter')
  redis.call('ZADD', P .. 'parked', tonumber(t.arrivedAt), t.id)
  return done({ ticket = t.id, left = 1 })
end

redis.call('HSET', P .. 'serving', counter, t.id)
return fail(400, 'Unknown action ' .. action .. '.')
