// /api/v1/openapi.json: the OpenAPI 3.1 description of the API, compiled in from
// src/server/openapi.json (tests check it against the route table, both ways).
#include "handlers.hpp"

namespace vigil::server {

const std::string& openapi_document() {
  static const std::string document =
#include "openapi.inc"
      ;
  return document;
}

namespace detail {

ApiResponse get_openapi(Call& call) {
  call.query.allow({});
  return ApiResponse{200, "application/json", openapi_document(), {}};
}

}  // namespace detail
}  // namespace vigil::server
