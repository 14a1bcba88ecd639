"""One module per slide kind; ``create_slide_view`` picks the right one."""
