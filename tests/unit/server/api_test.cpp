// The API layer without sockets: query strings, cursors, validation messages, the role
// table and the raw request path the fuzzer drives.
#include "vigil/server/api.hpp"

#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit/store/workspace_test_support.hpp"
#include "vigil/server/raw_request.hpp"

namespace vigil::server {
namespace {

class ApiTest : public test::WorkspaceFixture {
 protected:
  ApiResponse call(std::string method, std::string target, store::Role role, std::string body = {},
                   std::string content_type = {}) {
    auto ws = open();
    const Principal who{"0123456789abcdef", "tester", role};
    return api_.handle(
        {std::move(method), std::move(target), std::move(content_type), std::move(body)}, who, ws);
  }
  static nlohmann::json error_of(const ApiResponse& r) {
    return nlohmann::json::parse(r.body).at("error");
  }
  Api api_;
};

TEST_F(ApiTest, BadParametersAreRefusedNamingTheParameter) {
  const struct {
    const char* query;
    const char* field;
    const char* message;
  } cases[] = {
      {"bbox=1,2,3", "bbox", "west,south,east,north"},
      {"bbox=1,2,3,4,5", "bbox", "west,south,east,north"},
      {"bbox=a,2,3,4", "bbox", "west,south,east,north"},
      {"bbox=-181,2,3,4", "bbox", "[-180, 180]"},
      {"bbox=1,60,3,50", "bbox", "south before north"},
      {"bbox=1,2,3,nan", "bbox", "west,south,east,north"},
      {"from=2025-13-01", "from", "RFC 3339"},
      {"to=soon", "to", "RFC 3339"},
      {"limit=-1", "limit", "[1, 10000]"},
      {"limit=1e3", "limit", "integer"},
      {"min_confidence=2", "min_confidence", "[0, 1]"},
      {"status=open&status=confirmed", "status", "more than once"},
      {"rule=", "rule", "empty item"},
      {"cursor=12_zz", "cursor", "not a cursor"},
      {"cursor=_0123", "cursor", "not a cursor"},
      {"cursor=174056789abcdef", "cursor", "not a cursor"},  // found by fuzz_api: no '_'
      {"cursor=12x_abc", "cursor", "not a cursor"},
      {"colour=red", "colour", "unknown here"},
  };
  for (const auto& c : cases) {
    const auto r = call("GET", std::string("/api/v1/incidents?") + c.query, store::Role::analyst);
    EXPECT_EQ(r.status, 400) << c.query;
    const auto error = error_of(r);
    EXPECT_EQ(error.value("field", ""), c.field) << c.query;
    EXPECT_NE(error.at("message").get<std::string>().find(c.message), std::string::npos)
        << c.query << ": " << error.at("message");
  }
}

TEST_F(ApiTest, PercentEncodingIsDecodedAndBadEncodingRefused) {
  auto r = call("GET", "/api/v1/incidents?from=2025-01-01T00%3A00%3A00Z&rule=manual%2Cfire",
                store::Role::analyst);
  EXPECT_EQ(r.status, 200) << r.body;
  r = call("GET", "/api/v1/incidents?from=%zz", store::Role::analyst);
  EXPECT_EQ(r.status, 400);
  r = call("GET", "/api/v1/incidents?from=%2", store::Role::analyst);
  EXPECT_EQ(r.status, 400);
  r = call("GET", "/api/v1/%69ncidents", store::Role::analyst);  // "i" encoded
  EXPECT_EQ(r.status, 200);
}

TEST_F(ApiTest, RolesReachOnlyTheirRoutes) {
  EXPECT_EQ(call("GET", "/api/v1/incidents", store::Role::monitor).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/observations", store::Role::observer).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/incidents", store::Role::observer, "{}").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/keys", store::Role::analyst).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/keys", store::Role::admin).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/incidents", store::Role::observer).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/nothing", store::Role::admin).status, 404);
  const auto wrong = call("PATCH", "/api/v1/incidents", store::Role::admin);
  EXPECT_EQ(wrong.status, 405);
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0].second, "GET, POST");
}

TEST_F(ApiTest, IncidentsPageByCursorWithoutRepeatsOrGaps) {
  for (int i = 0; i < 7; ++i) {
    const auto r = call("POST", "/api/v1/incidents", store::Role::analyst,
                        nlohmann::json{{"start", fmt::format("2025-01-0{}T00:00:00Z", 1 + i % 3)},
                                       {"lat", 48},
                                       {"lon", 37 + i * 0.01},
                                       {"note", fmt::format("n{}", i)}}
                            .dump());
    ASSERT_EQ(r.status, 201) << r.body;
  }
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const auto r =
        call("GET", "/api/v1/incidents?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor),
             store::Role::analyst);
    ASSERT_EQ(r.status, 200);
    const auto page = nlohmann::json::parse(r.body);
    for (const auto& f : page.at("features"))
      EXPECT_TRUE(seen.insert(f.at("id").get<std::string>()).second);
    cursor = page.at("next").is_null() ? "" : page.at("next").get<std::string>();
    ++pages;
  } while (!cursor.empty());
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(pages, 3);
}

TEST_F(ApiTest, BodiesAreCheckedFieldByField) {
  const struct {
    const char* body;
    const char* field;
  } cases[] = {
      {R"({"start":"2025-01-01T00:00:00Z","lat":"48","lon":37,"note":"x"})", "lat"},
      {R"({"start":"2025-01-01T00:00:00Z","lat":48,"lon":37,"note":"x","entities":"a"})",
       "entities"},
      {R"({"start":"2025-01-01T00:00:00Z","lat":48,"lon":37,"note":"x","entities":[1]})",
       "entities"},
      {R"({"start":"2025-01-01T00:00:00Z","lat":48,"lon":37,"note":"x","attributes":[]})",
       "attributes"},
      {R"({"start":"2025-01-01T00:00:00Z","end":"2024-01-01T00:00:00Z","lat":48,"lon":37,"note":"x"})",
       ""},
  };
  for (const auto& c : cases) {
    const auto r = call("POST", "/api/v1/incidents", store::Role::analyst, c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    if (*c.field) {
      EXPECT_EQ(error_of(r).value("field", ""), c.field) << c.body;
    }
  }
  // The store's own check names the field in its message.
  const auto r = call("POST", "/api/v1/incidents", store::Role::analyst, cases[4].body);
  EXPECT_NE(error_of(r).at("message").get<std::string>().find("'end'"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM incidents"), 0);
}

TEST_F(ApiTest, RawRequestsGoThroughTheHttpParserWithServeLimits) {
  auto ws = open();
  ServerOptions options;
  options.max_body_bytes = 64;
  options.max_header_bytes = 256;
  const Principal who{"0123456789abcdef", "tester", store::Role::analyst};
  auto r = handle_raw_request("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n", api_, who, ws, options);
  EXPECT_EQ(r.status, 200);
  r = handle_raw_request(
      "POST /api/v1/incidents HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'),
      api_, who, ws, options);
  EXPECT_EQ(r.status, 413);
  r = handle_raw_request("GET /api/v1/me HTTP/1.1\r\nX: " + std::string(300, 'a') + "\r\n\r\n",
                         api_, who, ws, options);
  EXPECT_EQ(r.status, 431);
  r = handle_raw_request("GET /api/v1/me HTTP/1.1\r\nHost", api_, who, ws, options);
  EXPECT_EQ(r.status, 400);
  r = handle_raw_request("\x01\x02\x03", api_, who, ws, options);
  EXPECT_EQ(r.status, 400);
  // Found by fuzz_api: nothing at all (the parser asserted on an end with no bytes).
  r = handle_raw_request("", api_, who, ws, options);
  EXPECT_EQ(r.status, 400);
}

// The event stream's start goes through the same strict query parser as every route: a
// misspelt parameter ("nosince=7") was once read as since=7.
TEST(EventStreamSince, ParsesSinceStrictlyAndLastEventIdWins) {
  EXPECT_EQ(event_stream_since("/api/v1/events", ""), -1);
  EXPECT_EQ(event_stream_since("/api/v1/events?since=7", ""), 7);
  EXPECT_EQ(event_stream_since("/api/v1/events?since=7", "12"), 12);
  EXPECT_EQ(event_stream_since("/api/v1/events", "0"), 0);
  for (const char* target :
       {"/api/v1/events?nosince=7", "/api/v1/events?since=-1", "/api/v1/events?since=7x",
        "/api/v1/events?since=", "/api/v1/events?since=1&since=2", "/api/v1/events?since=%zz"}) {
    EXPECT_THROW(event_stream_since(target, ""), ApiError) << target;
  }
  EXPECT_THROW(event_stream_since("/api/v1/events", "-3"), ApiError);
  EXPECT_THROW(event_stream_since("/api/v1/events", "7 "), ApiError);
}

}  // namespace
}  // namespace vigil::server
