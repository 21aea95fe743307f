"""Coaching reports (one call or a team) as HTML or PDF."""
