"""LanguageModel adapters: the offline engine and litellm."""
