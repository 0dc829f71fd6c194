"""The image library: uploaded pictures, their validation and responsive renditions."""
