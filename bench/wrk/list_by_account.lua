-- wrk script: a filtered list page of 50 on an indexed field:
-- GET /api/v1/contacts?accountId=<random seeded account>&limit=50 (each account has ~100 contacts, so pages are full).
-- Usage: wrk ... -s bench/wrk/list_by_account.lua URL -- TOKEN ACCOUNT_IDS_FILE

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
  return wrk.format("GET", "/api/v1/contacts?accountId=" .. ids[math.random(#ids)] .. "&limit=50")
end
