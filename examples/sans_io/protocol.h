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

}  // namespace sans_io
