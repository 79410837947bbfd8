#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace baton {

// CRC-32C (Castagnoli) of a byte run: every implementation returns the same value, so
// tests compare them and hashes from different machines agree.
using RowHashFn = uint32_t (*)(const uint8_t *data, std::size_t sizeBytes);

struct RowHasher {
    std::string_view name;
    RowHashFn hash = nullptr;
};

// The hashers this build has and this CPU runs: the table-driven reference first, the
// CRC32 instruction (SSE4.2 on x86, the CRC extension on Arm) last when present. A
// table of its own, not the diff kernels': BATON_SIMD does not apply, since every
// hasher returns the same value and the instruction is used whenever the CPU has it.
std::span<const RowHasher> availableRowHashers();

namespace motion {
uint32_t crc32cScalar(const uint8_t *data, std::size_t sizeBytes);
uint32_t crc32cSse42(const uint8_t *data, std::size_t sizeBytes);
uint32_t crc32cArm(const uint8_t *data, std::size_t sizeBytes);
} // namespace motion

} // namespace baton
