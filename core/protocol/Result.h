#pragma once

#include "core/protocol/ProtocolError.h"

#include <utility>
#include <variant>

namespace baton::protocol {

// A decoded value or the reason it could not be decoded (std::expected is C++23).
template <typename T> class Result {
public:
    Result(T value) : state_(std::move(value)) { }
    Result(ProtocolError error) : state_(error) { }

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    // Only valid when ok().
    const T &value() const & { return std::get<T>(state_); }
    T &value() & { return std::get<T>(state_); }
    T &&value() && { return std::get<T>(std::move(state_)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    // Only valid when !ok().
    const ProtocolError &error() const { return std::get<ProtocolError>(state_); }

private:
    std::variant<T, ProtocolError> state_;
};

} // namespace baton::protocol
