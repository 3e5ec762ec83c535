// The toy request/response protocol of the sans-IO client (the shape of the
// database-driver design it illustrates):
//   client -> server  'Q' len:u32be query[len]
//   server -> client  'C' rows:u64be                command complete
//                     'E' len:u16be message[len]    the server refused the query
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sans_io {

inline constexpr std::byte kQuery{'Q'};
inline constexpr std::byte kComplete{'C'};
inline constexpr std::byte kError{'E'};
inline constexpr std::size_t kQueryHeader = 5;

// Big-endian integers of `width` bytes.
inline void put_be(std::vector<std::byte>& out, std::uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) out.push_back(static_cast<std::byte>((v >> (8 * i)) & 0xff));
}
inline std::uint64_t get_be(std::span<const std::byte> in) {
  std::uint64_t v = 0;
  for (std::byte b : in) v = (v << 8) | std::to_integer<std::uint64_t>(b);
  return v;
}

inline std::vector<std::byte> encode_query(std::string_view query) {
  std::vector<std::byte> out;
  out.reserve(kQueryHeader + query.size());
  out.push_back(kQuery);
  put_be(out, query.size(), 4);
  for (char c : query) out.push_back(static_cast<std::byte>(c));
  return out;
}

inline std::vector<std::byte> encode_complete(std::uint64_t rows) {
  std::vector<std::byte> out{kComplete};
  put_be(out, rows, 8);
  return out;
}

inline std::vector<std::byte> encode_error(std::string_view message) {
  std::vector<std::byte> out{kError};
  put_be(out, message.size(), 2);
  for (char c : message) out.push_back(static_cast<std::byte>(c));
  return out;
}

// The server's side: consumes the complete queries at the front of `in` and
// returns their replies (the row count is the query's length; a query that
// starts with "FAIL" is refused). An incomplete query stays in `in`.
inline std::vector<std::byte> answer_queries(std::vector<std::byte>& in, std::size_t& answered) {
  std::vector<std::byte> out;
  while (in.size() >= kQueryHeader) {
    const std::size_t len = get_be(std::span(in).subspan(1, 4));
    if (in.size() < kQueryHeader + len) break;
    std::string query(reinterpret_cast<const char*>(in.data()) + kQueryHeader, len);
    in.erase(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(kQueryHeader + len));
    const auto reply = query.rfind("FAIL", 0) == 0 ? encode_error("refused: " + query)
                                                   : encode_complete(query.size());
    out.insert(out.end(), reply.begin(), reply.end());
    ++answered;
  }
  return out;
}

}  // namespace sans_io
