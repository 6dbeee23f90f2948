#include "vigil/ais/stream_decoder.hpp"

#include <algorithm>

namespace vigil::ais {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

// "!AIVDM" / "!BSVDO": two talker characters then VDM or VDO.
bool is_ais_sentence(std::string_view sentence) {
  if (sentence.size() < 7 || sentence[6] != ',') return false;
  const std::string_view formatter = sentence.substr(3, 3);
  return formatter == "VDM" || formatter == "VDO";
}

// The first of the characters that start a tag block or sentence at or after `from`.
// (std::string_view::find_first_of scans the set once per character: too slow here.)
std::size_t find_start(std::string_view line, std::size_t from, bool with_dollar) {
  for (std::size_t i = from; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\' || c == '!' || (with_dollar && c == '$')) return i;
  }
  return std::string_view::npos;
}

std::string_view station_of(const VdmSentence& sentence, const TagBlock* tag) {
  if (tag != nullptr && !tag->station.empty()) return tag->station;
  return sentence.station;
}

}  // namespace

void StreamDecoder::FixedText::assign(std::string_view text) {
  size = static_cast<std::uint8_t>(std::min(text.size(), chars.size()));
  std::copy_n(text.data(), size, chars.data());
}

StreamDecoder::StreamDecoder(StreamOptions options) : options_(options) {
  if (options_.max_pending == 0) options_.max_pending = 1;
  pending_.reserve(options_.max_pending);
}

void StreamDecoder::error(ErrorKind kind, std::uint64_t line, MessageSink& sink,
                          std::uint64_t count) {
  if (phase_ == Phase::warm_up) return;
  stats_.error(kind) += count;
  sink.on_error(line, kind);
}

void StreamDecoder::feed(std::string_view line, std::uint64_t line_number, MessageSink& sink) {
  if (counting()) ++stats_.lines;
  line = trim_right(line);
  if (line.empty()) return;
  if (line[0] == '#') {
    if (counting()) ++stats_.comments;
    return;
  }
  TagBlock& tag = tag_;
  bool have_tag = false;
  bool found_sentence = false;
  std::size_t pos = 0;
  while (pos < line.size()) {
    const char c = line[pos];
    if (c == '\\') {
      const auto end = line.find('\\', pos + 1);
      if (end == std::string_view::npos) {
        if (counting()) error(ErrorKind::tag_block, line_number, sink);
        return;
      }
      const SentenceError parsed = parse_tag_block(line.substr(pos + 1, end - pos - 1), tag);
      // A tag block failing only its checksum is used but still reported.
      have_tag = parsed == SentenceError::none || parsed == SentenceError::checksum;
      if (parsed != SentenceError::none && counting()) {
        error(ErrorKind::tag_block, line_number, sink);
      }
      pos = end + 1;
      continue;
    }
    if (c == '!' || c == '$') {
      // A sentence runs to the next tag block or sentence on the line; neither
      // character occurs in a payload.
      // Payloads never hold '\\' or '!', so the search starts at the checksum.
      const auto star = line.find('*', pos + 1);
      auto end = find_start(line, star == std::string_view::npos ? pos + 1 : star, false);
      if (end == std::string_view::npos) end = line.size();
      const std::string_view sentence = trim_right(line.substr(pos, end - pos));
      found_sentence = true;
      if (c == '!' && is_ais_sentence(sentence)) {
        const std::size_t star_in_sentence =
            star != std::string_view::npos && star < end ? star - pos : std::string_view::npos;
        handle_sentence(sentence, star_in_sentence, have_tag ? &tag : nullptr, line_number, sink);
      } else if (sentence.substr(0, 6) == "$PGHP,") {
        if (counting()) ++stats_.other_sentences;
        if (auto time = parse_gatehouse_time(sentence)) gatehouse_time_ = time;
      } else if (counting()) {
        ++stats_.other_sentences;
      }
      have_tag = false;
      pos = end;
      continue;
    }
    // Text before the first sentence (a logger's own timestamp, say) is skipped.
    const auto next = find_start(line, pos + 1, true);
    if (next == std::string_view::npos) break;
    pos = next;
  }
  if (!found_sentence && counting()) error(ErrorKind::junk_line, line_number, sink);
}

void StreamDecoder::handle_sentence(std::string_view text, std::size_t star, const TagBlock* tag,
                                    std::uint64_t line, MessageSink& sink) {
  if (counting()) ++stats_.sentences;
  VdmSentence& sentence = sentence_;
  const SentenceError parsed = parse_vdm(text, star, sentence);
  if (parsed != SentenceError::none && !counting()) return;
  switch (parsed) {
    case SentenceError::none:
      break;
    case SentenceError::checksum:
      return error(ErrorKind::checksum, line, sink);
    case SentenceError::fill_bits:
      return error(ErrorKind::fill_bits, line, sink);
    case SentenceError::malformed:
    case SentenceError::tag_block:
      return error(ErrorKind::malformed, line, sink);
  }
  if (sentence.fragment_count > 1 || phase_ == Phase::continuation) {
    return handle_fragment(sentence, tag, line, sink);
  }
  if (phase_ == Phase::warm_up) {
    // Warming up only follows multipart state; a single sentence just ends the reach of
    // a Gatehouse time line.
    gatehouse_time_.reset();
    return;
  }
  Provenance provenance;
  provenance.time = tag != nullptr && tag->time ? tag->time : sentence.time;
  if (!provenance.time) provenance.time = gatehouse_time_;
  gatehouse_time_.reset();
  provenance.station = station_of(sentence, tag);
  if (tag != nullptr) provenance.tag_text = tag->text;
  provenance.channel = sentence.channel;
  payload_.clear();
  if (payload_.append(sentence.payload, sentence.fill_bits) != Payload::AppendResult::ok) {
    return error(ErrorKind::bad_payload, line, sink);
  }
  emit(payload_, provenance, line, sink);
}

std::size_t StreamDecoder::find_pending(const VdmSentence& sentence, const TagBlock* tag) const {
  const bool grouped = tag != nullptr && tag->has_group();
  const std::string_view station = station_of(sentence, tag);
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const Pending& p = pending_[i];
    if (p.tag_grouped != grouped || p.fragment_count != sentence.fragment_count) continue;
    if (grouped) {
      if (p.group_id.view() == tag->group_id) return i;
    } else if (p.channel == sentence.channel && p.sequence_id == sentence.sequence_id &&
               (station.empty() || p.station.size == 0 || p.station.view() == station)) {
      return i;
    }
  }
  return pending_.size();
}

bool StreamDecoder::has_own_pending() const {
  return std::any_of(pending_.begin(), pending_.end(),
                     [](const Pending& p) { return !p.inherited; });
}

void StreamDecoder::drop_pending(std::size_t index, std::uint64_t line, MessageSink& sink) {
  const auto received = static_cast<std::uint64_t>(pending_[index].next_index - 1);
  if (!pending_[index].inherited && received != 0) {
    error(ErrorKind::orphan_fragment, line, sink, received);
  }
  spare_.push_back(std::move(pending_[index]));
  pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(index));
}

void StreamDecoder::expire(std::uint64_t line, MessageSink& sink) {
  for (std::size_t i = 0; i < pending_.size();) {
    if (line - pending_[i].first_line > options_.fragment_timeout_lines) {
      drop_pending(i, line, sink);
    } else {
      ++i;
    }
  }
}

void StreamDecoder::handle_fragment(const VdmSentence& sentence, const TagBlock* tag,
                                    std::uint64_t line, MessageSink& sink) {
  expire(line, sink);
  const std::size_t found = find_pending(sentence, tag);
  if (phase_ == Phase::continuation) {
    if (found == pending_.size() || pending_[found].inherited) return;
    if (sentence.fragment_index == 1) {
      // A new message with the same key ends ours, as it would for a single decoder;
      // the new one belongs to the next decoder.
      return drop_pending(found, line, sink);
    }
    if (pending_[found].next_index != sentence.fragment_index) return;
  }
  if (sentence.fragment_index == 1) {
    // A new first fragment replaces an unfinished message with the same key.
    if (found < pending_.size()) drop_pending(found, line, sink);
    if (pending_.size() >= options_.max_pending) drop_pending(0, line, sink);
    Pending entry;
    if (!spare_.empty()) {
      entry = std::move(spare_.back());
      spare_.pop_back();
    }
    entry.tag_grouped = tag != nullptr && tag->has_group();
    entry.group_id.assign(entry.tag_grouped ? tag->group_id : std::string_view{});
    entry.channel = sentence.channel;
    entry.sequence_id = sentence.sequence_id;
    entry.station.assign(station_of(sentence, tag));
    entry.fragment_count = sentence.fragment_count;
    entry.next_index = 1;
    entry.first_line = line;
    entry.inherited = phase_ == Phase::warm_up;
    entry.time = tag != nullptr && tag->time ? tag->time : sentence.time;
    if (!entry.time) entry.time = gatehouse_time_;
    gatehouse_time_.reset();
    entry.tag_text.assign(tag != nullptr ? tag->text : std::string_view{});
    entry.payload.clear();
    pending_.push_back(std::move(entry));
  } else if (found == pending_.size() || pending_[found].next_index != sentence.fragment_index) {
    return counting() ? error(ErrorKind::orphan_fragment, line, sink) : void();
  }
  const std::size_t index = sentence.fragment_index == 1 ? pending_.size() - 1 : found;
  Pending& p = pending_[index];
  if (p.payload.append(sentence.payload, sentence.fill_bits) != Payload::AppendResult::ok) {
    const bool inherited = p.inherited;
    p.next_index = sentence.fragment_index;  // the broken fragment is not an orphan
    drop_pending(index, line, sink);
    return inherited ? void() : error(ErrorKind::bad_payload, line, sink);
  }
  if (!p.time && tag != nullptr && tag->time) p.time = tag->time;
  if (p.station.size == 0) p.station.assign(station_of(sentence, tag));
  ++p.next_index;
  if (p.next_index <= p.fragment_count) return;
  Provenance provenance;
  provenance.time = p.time;
  provenance.station = p.station.view();
  provenance.tag_text = p.tag_text.view();
  provenance.channel = p.channel;
  if (!p.inherited) emit(p.payload, provenance, line, sink);
  spare_.push_back(std::move(pending_[index]));
  pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(index));
}

void StreamDecoder::emit(const Payload& payload, const Provenance& provenance, std::uint64_t line,
                         MessageSink& sink) {
  if (phase_ == Phase::warm_up) return;
  const DecodeStatus status = decode_message(payload, message_);
  if (status == DecodeStatus::too_short) return error(ErrorKind::bit_count, line, sink);
  if (status == DecodeStatus::unknown_type) error(ErrorKind::unknown_type, line, sink);
  ++stats_.messages;
  ++stats_.messages_by_type[static_cast<std::size_t>(message_.type()) & 63];
  sink.on_message(message_, provenance, line);
}

void StreamDecoder::finish(MessageSink& sink) {
  while (!pending_.empty())
    drop_pending(0, pending_.front().first_line, sink);
}

}  // namespace vigil::ais
