"""The litellm engine: resume rewrites by any hosted or local model, behind the LanguageModel port.

Importing this package imports litellm (a few seconds, and the ``llm`` extra must be installed), so the
bootstrap imports it only when ``RESUMAX_LLM`` names a model. Modules: ``engine`` (the adapter, retries,
fallbacks, usage), ``messages`` (prompt building), ``mapping`` (replies to Changes), ``redaction``
(contact details out and back), ``retry`` (failure classes and backoff).

Configuration
-------------
``RESUMAX_LLM``: the model as litellm names it, e.g. ``openai/gpt-4.1-mini``, ``anthropic/claude-sonnet-4-5``
(``offline``, the default, selects the rule engine instead). ``RESUMAX_LLM_FALLBACKS``: comma-separated
models tried in order when the primary keeps failing. ``RESUMAX_LLM_TIMEOUT_SECONDS``: per call (default
60 s); one section never takes longer than 240 s in total, below the 300 s job timeout. Provider keys come
from the provider's usual variable (``OPENAI_API_KEY``, ``ANTHROPIC_API_KEY``...), read by litellm.

Local models
------------
Nothing leaves your machine when the model runs on it.

- Ollama: ``ollama pull llama3.1``, then ``RESUMAX_LLM=ollama/llama3.1`` and
  ``RESUMAX_LLM_API_BASE=http://localhost:11434`` (Ollama's default address). ``ollama_chat/llama3.1``
  uses Ollama's chat endpoint instead.
- Any OpenAI-compatible server (llama.cpp's ``llama-server``, vLLM, LM Studio, LocalAI...):
  ``RESUMAX_LLM=openai/<model name the server knows>`` and ``RESUMAX_LLM_API_BASE`` set to the server's
  base URL including ``/v1`` (e.g. ``http://localhost:8080/v1``). No key is needed: when none is
  configured resuMAX sends a placeholder. Note that litellm would send ``OPENAI_API_KEY`` to that server
  if the variable is set, so unset it when the server is not OpenAI.
- ``RESUMAX_LLM_API_BASE`` applies to every model, fallbacks included: pair a local primary with
  fallbacks on the same server.
- Small local models follow the JSON format less reliably: resuMAX asks again (bounded) when an answer is
  not valid JSON, and the truthfulness guard still rejects any invented fact. Models of 7–8B parameters
  or more with JSON mode (Ollama and most OpenAI-compatible servers support it) work best; raise
  ``RESUMAX_LLM_TIMEOUT_SECONDS`` on a CPU-only machine.
"""

from resumax_adapters.llm.litellm_engine.engine import DEFAULT_BUDGET_SECONDS, LiteLLMLanguageModel

__all__ = ["DEFAULT_BUDGET_SECONDS", "LiteLLMLanguageModel"]
