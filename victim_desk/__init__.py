"""victim_desk: an encrypted, offline desk for people whose intimate images were faked or shared without
consent, and for the counselors who help them."""

__version__ = "0.1.0"
