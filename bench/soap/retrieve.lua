-- wrk script: one request per contact id from IDS_FILE, in turn. MODE=soap posts a SOAP 1.1
-- RetrieveContact envelope to /soap/v1; MODE=rest sends GET /api/v1/contacts/{id}. TOKEN is the bearer token.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local mode = os.getenv("MODE")
local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
if mode == "soap" then
  headers["Content-Type"] = "text/xml; charset=utf-8"
  headers["SOAPAction"] = "\"urn:rapport:soap:v1/RetrieveContact\""
end
local i = 0

request = function()
  i = i % #ids + 1
  if mode == "soap" then
    return wrk.format("POST", "/soap/v1", headers,
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RetrieveContact xmlns="urn:rapport:soap:v1"><id>'
      .. ids[i] .. '</id></RetrieveContact></s:Body></s:Envelope>')
  end
  return wrk.format("GET", "/api/v1/contacts/" .. ids[i], headers)
end
