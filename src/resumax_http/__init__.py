"""resuMAX's HTTP API shell (Starlette): ``create_app`` builds the app; routes call one use case each."""
