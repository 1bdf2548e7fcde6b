// SPDX-License-Identifier: Apache-2.0
#include <esock/error.hpp>
#include <esock/term_text.hpp>

namespace esock {

erl_error::erl_error(term reason)
    : reason_(std::move(reason)), text_("error:" + format_w(reason_)) {}

}  // namespace esock
