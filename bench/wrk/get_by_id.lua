-- wrk script: GET /api/v1/contacts/{id} for a random id of the seeded contacts.
-- Usage: wrk ... -s bench/wrk/get_by_id.lua URL -- TOKEN IDS_FILE
--   TOKEN     an access token with crm.read
--   IDS_FILE  one contact id per line (written by bench/seed.py)
-- Each wrk thread has its own Lua state: setup() numbers the threads so each seeds its own RNG.

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

local ids = {}
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.headers["Accept"] = "application/json"
  for line in io.lines(args[2]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  assert(#ids > 0, "no ids in " .. args[2])
  math.randomseed(os.time() * 100 + (tid or 0))
end

function request()
  return wrk.format("GET", "/api/v1/contacts/" .. ids[math.random(#ids)])
end
