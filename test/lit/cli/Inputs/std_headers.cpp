// Needs the builtin headers (stddef.h) under the standard library's.
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

std::map<std::string, std::vector<std::variant<int, std::function<void()>>>> table;
std::size_t size() { return table.size(); }
