// RUN: %check_rule %s
#include "io.h"

struct Cache {
  std::map<int, int> index_;
  std::set<int> dirty_;
  std::unordered_map<int, std::string> names_;
  std::vector<int> order_;

  IOResult<Unit> insert_then_flush(int k, int v) {
    index_.insert({k, v});
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'index_.insert' inserts into 'index_' before the yield at line [[@LINE+2]]; when the function is re-entered after that yield it inserts again [reentrancy-keyed-insert]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> forms(int k) {
    dirty_.emplace(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'dirty_.emplace' inserts into 'dirty_' {{.*}} [reentrancy-keyed-insert]
    names_[k] = "page";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'names_[k]' writes into 'names_' {{.*}} [reentrancy-keyed-insert]
    index_.try_emplace(k, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'index_.try_emplace' inserts into 'index_' {{.*}} [reentrancy-keyed-insert]
    index_.insert_or_assign(k, 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'index_.insert_or_assign' inserts into 'index_' {{.*}} [reentrancy-keyed-insert]
    dirty_.erase(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'dirty_.erase' erases from 'dirty_' {{.*}} it erases again [reentrancy-keyed-insert]
    RETURN_IF_IO(write_page(k));
    return Unit{};
  }

  // Negative: insert after the yield.
  IOResult<Unit> read_then_insert(int k) {
    int v = RETURN_IF_IO(read_page(k));
    index_[k] = v;
    return Unit{};
  }

  // Negative: a local map.
  IOResult<Unit> local_map(int k) {
    std::map<int, int> scratch;
    scratch[k] = 1;
    scratch.insert({k + 1, 2});
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: lookups are not writes.
  IOResult<Unit> lookups(int k) {
    bool known = index_.count(k) > 0 || dirty_.find(k) != dirty_.end();
    (void)known;
    RETURN_IF_IO(flush());
    return Unit{};
  }
};

// A lookup of the same container guards the insert or erase: the replay
// finds the key (or its absence) and skips it.
struct Seen {
  std::set<int> seen_;
  std::map<int, int> index_;
  std::vector<int> queue_;

  IOResult<Unit> guarded(int k) {
    if (!seen_.count(k))
      seen_.insert(k);
    if (index_.find(k) == index_.end())
      index_[k] = 1;
    if (index_.count(k + 1))
      index_.erase(k + 1);
    if (queue_.empty())
      queue_.push_back(k);
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Positive: a pop guarded by !empty() takes the next element on replay.
  IOResult<Unit> pop_guarded() {
    if (!queue_.empty()) {
      queue_.pop_back();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'queue_.pop_back' removes from 'queue_' {{.*}} [reentrancy-container-growth]
      RETURN_IF_IO(flush());
    }
    return Unit{};
  }

  // Positive: the lookup is of another container.
  IOResult<Unit> other_container(int k) {
    if (!seen_.count(k))
      index_[k] = 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'index_[k]' writes into 'index_' {{.*}} [reentrancy-keyed-insert]
    RETURN_IF_IO(flush());
    return Unit{};
  }
};

// A keyed container is known by its structure, never by its name: it
// declares or inherits `key_type` (std's, absl's and llvm's maps and sets
// do), or it is a class template whose operator[] takes a template parameter.
template <class K, class V> struct HashMapBase {
  using key_type = K;
};
template <class K, class V> struct FlatHashMap : HashMapBase<K, V> {
  V &operator[](const K &key);
  void insert(const K &key, const V &value);
  void erase(const K &key);
};
template <class K, class V> struct SmallMap { // no key_type
  V &operator[](const K &key);
};
struct DenseSet {
  using key_type = int;
  void insert(int k);
};

// Indexed by position, whatever the name says: a write through them is an
// assignment or a growth, not a keyed insert.
struct Bitmap {
  unsigned long long words_[4];
  void set(int bit) { words_[bit / 64] |= 1ull << (bit % 64); }
  bool &operator[](int bit);
};
struct BitSet {
  bool &operator[](int bit);
  void insert(int bit);
};
template <class T> struct TileMap {
  T &operator[](unsigned long i);
};

struct Words {
  FlatHashMap<int, int> flat_;
  SmallMap<int, int> small_;
  DenseSet ids_;
  Bitmap used_;
  BitSet free_;
  TileMap<int> tiles_;

  IOResult<Unit> keyed(int k) {
    flat_[k] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'flat_[k]' writes into 'flat_' {{.*}} [reentrancy-keyed-insert]
    flat_.insert(k, 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'flat_.insert' inserts into 'flat_' {{.*}} [reentrancy-keyed-insert]
    small_[k] = 3;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'small_[k]' writes into 'small_' {{.*}} [reentrancy-keyed-insert]
    ids_.insert(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ids_.insert' inserts into 'ids_' {{.*}} [reentrancy-keyed-insert]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> positional(int k) {
    used_[k] = true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'used_[k]' is assigned {{.*}} [reentrancy-field-assign]
    used_.set(k); // a method of no vocabulary; its body sets a bit: silent
    free_[k] = false;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'free_[k]' is assigned {{.*}} [reentrancy-field-assign]
    free_.insert(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'free_.insert' inserts into 'free_' {{.*}} [reentrancy-container-growth]
    tiles_[k] = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'tiles_[k]' is assigned {{.*}} [reentrancy-field-assign]
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
