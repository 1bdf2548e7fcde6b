// SPDX-License-Identifier: Apache-2.0
#include "sys/config.hpp"

#include "generated/features.hpp"

namespace esock::sys {

bool has(ids::feature f) noexcept {
    return generated::present(f);
}

}  // namespace esock::sys
