-- wrk script: POST /api/v1/contacts, one new contact per request with a unique email
-- (run tag + wrk thread number + per-thread counter), linked to a random seeded account.
-- Usage: wrk ... -s bench/wrk/create_contact.lua URL -- TOKEN ACCOUNT_IDS_FILE RUN_TAG
--   RUN_TAG  distinguishes runs (warm-up vs. measured) so emails never repeat across them

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

local accounts = {}
local tag = "x"
local n = 0
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  for line in io.lines(args[2]) do
    if #line > 0 then accounts[#accounts + 1] = line end
  end
  assert(#accounts > 0, "no ids in " .. args[2])
  tag = (args[3] or "run") .. "t" .. tostring(tid or 0)
  math.randomseed(os.time() * 100 + (tid or 0))
end

function request()
  n = n + 1
  local body = '{"firstName":"Bench","lastName":"Load' .. n .. '","title":"Tester",' ..
    '"emails":[{"address":"bench.' .. tag .. '.' .. n .. '@example.com"}],' ..
    '"phones":[{"number":"+4930555' .. (n % 100000) .. '"}],' ..
    '"accountId":"' .. accounts[math.random(#accounts)] .. '",' ..
    '"address":{"city":"Berlin","country":"DE"}}'
  return wrk.format("POST", "/api/v1/contacts", nil, body)
end
