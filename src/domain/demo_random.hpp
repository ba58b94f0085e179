// The demo generators' random numbers (demo.cpp, demo_county.cpp): splitmix64, tiny, well mixed
// and identical on every platform (unlike std::*_distribution), so a seed gives the same
// school everywhere. Internal to the demo generators.
#pragma once
#include <cstdint>
#include <iterator>

namespace jh::domain::demo_detail {

class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    double unit() { return static_cast<double>(next() >> 11) / static_cast<double>(1ull << 53); }
    bool chance(double p) { return unit() < p; }
    template <class C> const auto& pick(const C& from) { return from[next() % std::size(from)]; }

private:
    std::uint64_t state_;
};

// A seed for one member of a family (school `index` of a county, block `n` of its order…):
// well mixed, so neighbouring indexes give unrelated streams.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t salt, std::uint64_t index) {
    Random r(seed ^ (salt * 0xD1B54A32D192ED03ull) ^ (index * 0x9E3779B97F4A7C15ull));
    r.next();
    return r.next();
}

}  // namespace jh::domain::demo_detail
