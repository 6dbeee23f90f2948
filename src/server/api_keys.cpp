// /api/v1/keys (admin), /api/v1/me and /api/v1/status.
#include <fmt/format.h>

#include "handlers.hpp"

namespace vigil::server::detail {
namespace {

nlohmann::json key_json(const store::ApiKey& key) {
  nlohmann::json out = {{"id", key.id},
                        {"name", key.name},
                        {"role", store::to_string(key.role)},
                        {"created", format_rfc3339(key.created)},
                        {"created_by", key.created_by},
                        {"revoked", nullptr}};
  if (key.revoked) {
    out["revoked"] = format_rfc3339(*key.revoked);
    out["revoked_by"] = key.revoked_by;
  }
  return out;
}

}  // namespace

ApiResponse get_me(Call& call) {
  call.query.allow({});
  return json_response(200, {{"key_id", call.who.key_id},
                             {"name", call.who.name},
                             {"role", store::to_string(call.who.role)}});
}

ApiResponse get_status(Call& call) {
  call.query.allow({});
  nlohmann::json out = {{"workspace", call.ws.id()}, {"log_head", nullptr}};
  if (const auto head = call.ws.head())
    out["log_head"] = {{"seq", head->seq}, {"hash", head->hash}};
  return json_response(200, out);
}

ApiResponse list_keys(Call& call) {
  call.query.allow({});
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& key : store::list_api_keys(call.ws))
    keys.push_back(key_json(key));
  return json_response(200, {{"keys", keys}});
}

ApiResponse add_key(Call& call) {
  call.query.allow({});
  const auto body = body_object(call);
  for (const auto& [name, value] : body.items())
    if (name != "role" && name != "name")
      throw ApiError(400, fmt::format("field '{}': unknown", name.substr(0, 64)), name);
  const auto role_it = body.find("role");
  const auto name_it = body.find("name");
  if (role_it == body.end() || !role_it->is_string() ||
      !store::parse_role(role_it->get<std::string>()))
    throw ApiError(400, "field 'role': must be monitor, analyst, observer or admin", "role");
  if (name_it == body.end() || !name_it->is_string())
    throw ApiError(400, "field 'name': required, a string", "name");
  const auto issued = store::add_api_key(call.ws, *store::parse_role(role_it->get<std::string>()),
                                         name_it->get<std::string>(), call.who.label());
  nlohmann::json out = key_json(issued.key);
  out["key"] = issued.token;  // shown this once
  return json_response(201, out);
}

ApiResponse revoke_key(Call& call) {
  call.query.allow({});
  if (!store::revoke_api_key(call.ws, call.path.at(0), call.who.label()))
    throw ApiError(404, "no such key that is not revoked already");
  return json_response(200, {{"id", call.path.at(0)}, {"revoked", true}});
}

}  // namespace vigil::server::detail
